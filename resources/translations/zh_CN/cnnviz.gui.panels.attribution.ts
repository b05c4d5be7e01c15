<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.gui.panels.attribution</name>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>Drop an image to see which of its pixels the network's choice rests on</source>
      <translation>拖入一张图像，看看网络的判断依据的是哪些像素</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>Attribution</source>
      <translation>归因</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>top class</source>
      <translation>最高类别</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>computing…</source>
      <translation>正在计算…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>Method</source>
      <translation>方法</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>Opacity</source>
      <translation>不透明度</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>Class</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>Compare with</source>
      <translation>对比</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>unknown attribution method '{method}'; choose one of: {methods}</source>
      <translation>未知的归因方法“{method}”；可选：{methods}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>{method} needs a convolution and {model} has none; pick a pixel method (saliency, integrated gradients ...)</source>
      <translation>{method} 需要卷积层，而 {model} 没有；请选一种像素级方法（显著性、积分梯度……）</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>no tensor output</source>
      <translation>没有张量输出</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>shape {shape}</source>
      <translation>形状 {shape}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>Pick one in the strip or select one, or pick a pixel method.</source>
      <translation>请在深度条中挑一个或另选一层，或者改用像素级方法。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>Select one, or pick a pixel method.</source>
      <translation>请另选一层，或者改用像素级方法。</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>{method} needs a convolutional layer with a spatial output; {layer} gives {shape}. {where}</source>
      <translation>{method} 需要一个输出带空间维度的卷积层；{layer} 的输出：{shape}。{where}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>no layer</source>
      <translation>未选层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>no map</source>
      <translation>没有图</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>{method} attribution cancelled: pick it again under Method to compute it</source>
      <translation>{method} 归因已取消：在“方法”中重新选择它即可再次计算</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>{layer} did not run in the forward pass; pick another layer in the strip</source>
      <translation>{layer} 在前向传播中没有运行；请在深度条中另选一层</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>computing {method}…</source>
      <translation>正在计算 {method}…</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>the input as the model sees it, {height}×{width}</source>
      <translation>模型所见的输入，{height}×{width}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>pixel method: the layer selection does not matter; {size}</source>
      <translation>像素级方法：与所选层无关；{size}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>{fusion}: per pixel the largest of every convolution's LayerCAM, each normalised (shallow ones tanh-scaled); {size}</source>
      <translation>{fusion}：逐像素取各卷积层 LayerCAM 的最大值，每层先归一化（浅层经 tanh 缩放）；{size}</translation>
    </message>
    <message>
      <location filename="cnnviz/gui/panels/attribution.py" />
      <source>map at {layer}, upsampled to the input; {size}</source>
      <translation>{layer} 处的图，上采样到输入大小；{size}</translation>
    </message>
  </context>
</TS>
