<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.lessons.residual_depth</name>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>plain</source>
      <translation>普通网络</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>residual</source>
      <translation>残差网络</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Pause or resume both trainings; after a stop, train new twins from step 0</source>
      <translation>暂停或继续两个网络的训练；停止之后，从第 0 步重新训练一对新网络</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>End both trainings before their next step (the curves stay)</source>
      <translation>在下一步之前结束两个网络的训练（曲线保留）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>chance</source>
      <translation>随机猜测</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Gradient norm of each layer (the first records come after step 1)</source>
      <translation>每层的梯度范数（第 1 步之后出现第一批记录）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Gradient norm of each layer at step {step}</source>
      <translation>第 {step} 步时每层的梯度范数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>At step {step} the residual net's first layer gets &lt;b&gt;{ratio}&lt;/b&gt; times the gradient of the plain net's first layer.</source>
      <translation>第 {step} 步时，残差网络第一层得到的梯度是普通网络第一层的 &lt;b&gt;{ratio}&lt;/b&gt; 倍。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>steps</source>
      <translation>步数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>loss (mean of the last {n} steps)</source>
      <translation>损失（最近 {n} 步的平均值）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>validation accuracy (last epoch)</source>
      <translation>验证准确率（最近一轮）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>first layer's gradient norm</source>
      <translation>第一层的梯度范数</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>first layer / last layer</source>
      <translation>第一层 / 最后一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Not started</source>
      <translation>尚未开始</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Training failed</source>
      <translation>训练失败</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Stopped at step {step}</source>
      <translation>已在第 {step} 步停止</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Finished: {step} steps</source>
      <translation>已完成：共 {step} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Stopping…</source>
      <translation>正在停止…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Paused at step {step}</source>
      <translation>已在第 {step} 步暂停</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Loading the digits and starting…</source>
      <translation>正在加载手写数字并开始训练…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Training: step {step} of {total}</source>
      <translation>训练中：第 {step} 步，共 {total} 步</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Start again</source>
      <translation>重新开始</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/lessons/residual_depth.py" />
      <source>Resume</source>
      <translation>继续</translation>
    </message>
  </context>
</TS>
