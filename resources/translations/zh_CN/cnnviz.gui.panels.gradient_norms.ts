<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.gradient_norms</name>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>{name} takes {wanted} inputs, not {given}</source>
      <translation>{name} 的输入应为 {wanted}，而不是 {given}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>first/last {ratio}</source>
      <translation>首层/末层 {ratio}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>nothing</source>
      <translation>不对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>{name} (random weights)</source>
      <translation>{name}（随机权重）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>a course network drawn beside the current model, on the same image</source>
      <translation>在同一张图像上，与当前模型并排画出的一个课程网络</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>gradient norm</source>
      <translation>梯度范数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>layer, in forward order</source>
      <translation>层（按前向顺序）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>Compare with</source>
      <translation>对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>unknown course network '{name}'; use {names}</source>
      <translation>未知的课程网络“{name}”；可用：{names}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>open an image to see the gradient norms of one backward pass</source>
      <translation>打开一张图像，查看一次反向传播的梯度范数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>computing the gradients of one backward pass…</source>
      <translation>正在计算一次反向传播的梯度…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>no gradients</source>
      <translation>没有梯度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>this model</source>
      <translation>当前模型</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>{name}, one backward</source>
      <translation>{name}，一次反向传播</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>training, newest record (earlier ones faint)</source>
      <translation>训练中，最新记录（较早的记录颜色较淡）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/gradient_norms.py" />
      <source>training step {step}: {ratio}</source>
      <translation>训练第 {step} 步：{ratio}</translation>
    </message>
  </context>
</TS>
