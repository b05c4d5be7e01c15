<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.alexnet_text</name>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>all the training digits</source>
      <translation>全部训练数字</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>the first {n} training digits</source>
      <translation>前 {n} 个训练数字</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>Both nets: {epochs} epochs of SGD (momentum {momentum:g}, learning rate {lr:g}) in batches of {batch}, on {data}.</source>
      <translation>两个网络：在{data}上用 SGD（动量 {momentum:g}，学习率 {lr:g}）训练 {epochs} 轮，批次大小 {batch}。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>training error</source>
      <translation>训练错误率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>validation error</source>
      <translation>验证错误率</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>gap</source>
      <translation>差距</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>steps to {value} %</source>
      <translation>降到 {value}% 的步数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>Errors counted after training, with dropout off (eval mode), on the {train} training and {val} validation digits; the gap is the validation error minus the training error.</source>
      <translation>错误率在训练结束后、关闭 Dropout（评估模式）时，在 {train} 个训练数字和 {val} 个验证数字上统计；差距为验证错误率减去训练错误率。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>Not below {target} % yet: {runs}.</source>
      <translation>尚未降到 {target}% 以下：{runs}。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>{b} needed {ratio:.2f}× the steps {a} needed to get below {target} %.</source>
      <translation>降到 {target}% 以下，{b} 所需的步数是 {a} 的 {ratio:.2f} 倍。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>The paper: tanh needed about 6× as many as ReLU to reach 25 % on CIFAR-10.</source>
      <translation>论文中：在 CIFAR-10 上达到 25%，tanh 所需的步数约为 ReLU 的 6 倍。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>both nets</source>
      <translation>两个网络</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>{name} {inp} → {out} ({k}×{k}, stride {s}, overlap {o})</source>
      <translation>{name} {inp} → {out}（{k}×{k}，步幅 {s}，重叠 {o}）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>Max-pools of {model}:</source>
      <translation>{model} 的最大池化层：</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/alexnet_text.py" />
      <source>{name}: {inp} → {out} ({k}×{k}, stride {s}); a 2×2 pool, stride 2: {two}</source>
      <translation>{name}：{inp} → {out}（{k}×{k}，步幅 {s}）；换成步幅 2 的 2×2 池化：{two}</translation>
    </message>
  </context>
</TS>
